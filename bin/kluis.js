#!/usr/bin/env node
// The CLI is TypeScript run directly by Node 24 (type stripping); older Nodes cannot load it.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `kluis needs Node.js 24 or newer (this is ${process.version}). Run it through npm (npm start, npx kluis), which uses the Node 24 that npm install put in node_modules.`,
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
