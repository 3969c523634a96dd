#ifndef SEAM_CYAML_SHIM_H
#define SEAM_CYAML_SHIM_H
#include <yaml.h>
#endif
