#!/usr/bin/env bash
# usage: ci/check-ci-files.sh (filled in below)
exit 0
