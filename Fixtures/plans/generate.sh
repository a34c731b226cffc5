#!/bin/sh
# Rewrites the reports `dragnet plan` is tested on: the sample tenant's planted campaign under each
# action (run from the package root). The reports are then fixed evidence: their SHA-256 is in every
# golden artifact, so regenerate the goldens after this (RECORD_GOLDENS=1 swift test --filter Remediation).
set -e
for action in moveToTrash delete warn none; do
  swift run -c debug dragnet investigate --investigation Fixtures/plans/investigations/invoice-lure-$action.yaml \
    --output Fixtures/plans/reports/invoice-lure-$action.json Fixtures/sample-tenant > /dev/null
done
