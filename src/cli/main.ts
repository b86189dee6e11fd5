import os from 'node:os';
import { version } from '../../package.json';
import { createIo } from './io';
import { run } from './program';

// The CLI is a separate program that may import nothing from src/ (not even src/config),
// so this is its one read of the environment, handed down as a plain object.
// eslint-disable-next-line no-restricted-syntax
const env = process.env;

void run(process.argv.slice(2), {
  io: createIo(process.stdout, process.stderr),
  env,
  cwd: process.cwd(),
  home: os.homedir(),
  version,
}).then((code) => {
  // exitCode, not exit(): piped stdout must flush before the process ends.
  process.exitCode = code;
});
