#!/bin/sh
# The config file the Pages workflow builds (.github/workflows/pages.yml):
# $CHOSEN (the repository variable MKDOCS_CONFIG) when set, else branded.yml
# when the copy has one (README, "Run your own copy"), else mkdocs.yml.
# Prints MKDOCS_CONFIG=<file>; stops when the chosen file is missing.
set -eu
config="${CHOSEN:-}"
if [ -z "$config" ]; then
  if [ -f branded.yml ]; then config=branded.yml; else config=mkdocs.yml; fi
fi
if [ ! -f "$config" ]; then
  echo "The config file '$config' (repository variable MKDOCS_CONFIG) does not exist" >&2
  exit 1
fi
echo "MKDOCS_CONFIG=$config"
