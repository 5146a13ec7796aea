#!/usr/bin/env bash
# Creates the skeleton of a workspace project: scripts/new-project.sh packages|apps NAME "description" [tags]
set -euo pipefail
kind=$1 name=$2 desc=$3 tags=${4:-}
dir="$kind/$name"
mkdir -p "$dir/src" "$dir/tests"
type=lib; [ "$kind" = apps ] && type=app
tagjson="\"type:$type\""
for t in $tags; do tagjson="$tagjson, \"$t\""; done
cat > "$dir/package.json" <<JSON
{
  "name": "@stockpulse/$name",
  "version": "0.1.0",
  "private": true,
  "description": "$desc",
  "type": "module",
  "exports": {
    ".": {
      "@stockpulse/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  },
  "scripts": {
    "build": "tsc -p tsconfig.lib.json",
    "typecheck": "tsc -p tsconfig.json",
    "lint": "eslint src tests",
    "test": "vitest run"
  },
  "nx": {
    "tags": [$tagjson]
  },
  "dependencies": {}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "noEmit": true },
  "include": ["src/**/*.ts", "tests/**/*.ts", "vitest.config.ts"]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "customConditions": [],
    "tsBuildInfoFile": "dist/.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.test.ts"]
}
JSON
cat > "$dir/vitest.config.ts" <<TS
import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig('$name');
TS
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
