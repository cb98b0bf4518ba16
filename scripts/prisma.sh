#!/usr/bin/env bash
# Runs the Prisma CLI where its native schema engine cannot be downloaded.
# `generate` never runs the engine, it only needs the variable to name a file; migrate/db commands
# use the WebAssembly stand-in from ../shared when it is there (authoring migrations only: the app
# applies them itself, see scripts/services/migrate.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
shim=../shared/tools/prisma-schema-engine/schema-engine.cjs
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]; then
	if [ -f "$shim" ]; then export PRISMA_SCHEMA_ENGINE_BINARY=$shim
	else export PRISMA_SCHEMA_ENGINE_BINARY=$PWD/package.json; fi
fi
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
exec node_modules/.bin/prisma "$@"
