#!/usr/bin/env bash
# Sets everything up, builds semm and scores the shipped example: the
# reports land in reports/ (report.json, scores.csv, respondents.csv).
set -eu
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSEMM_BUILD_TESTS=OFF > /dev/null
cmake --build build -j "$(nproc)" > /dev/null
./build/semm validate models/iso23592.json \
  questionnaires/iso23592-self-assessment.json
./build/semm score -q questionnaires/iso23592-self-assessment.json \
  --format json,csv,html -o reports questionnaires/examples/iso23592-example.csv
