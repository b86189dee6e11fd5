#!/usr/bin/env node
'use strict';
// The CLI ships as TypeScript; tsx (a runtime dependency) compiles it on load.
require('tsx/cjs');
require('../src/cli/main.ts');
