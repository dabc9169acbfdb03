// Mocha's settings. `npm test` runs every test; `npx mocha test/a.test.ts test/b.test.ts` runs just
// those files (Mocha would otherwise add the default spec to the files named on the command line).
const named = process.argv.slice(2).some((a) => /\.test\.ts$/.test(a));

module.exports = {
  require: ['tsx/cjs', 'test/setup.ts'],
  ...(named ? {} : { spec: ['test/**/*.test.ts'] }),
  extension: ['ts'],
  timeout: 120000,
  exit: true,
};
