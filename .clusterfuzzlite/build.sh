#!/bin/bash -eu
# ClusterFuzzLite calls $SRC/build.sh; the real script is shared with OSS-Fuzz.
exec "$SRC/seam/ci/oss-fuzz/build.sh"
