#!/usr/bin/env node
// Writes scripts/settings-schema/schema.js into package.json's contributes.configuration.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const file = path.resolve(__dirname, '..', '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.contributes.configuration = require('./schema');
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`contributes.configuration: ${Object.keys(pkg.contributes.configuration.properties).length} settings written to package.json`);
