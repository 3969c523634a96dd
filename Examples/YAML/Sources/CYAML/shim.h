#ifndef SEAM_EXAMPLE_CYAML_SHIM_H
#define SEAM_EXAMPLE_CYAML_SHIM_H
#include <yaml.h>
#endif
