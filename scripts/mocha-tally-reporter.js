// Mocha's spec output, plus the run's counts written to a JSON file so the test
// runner can print one plain "N passed, N failed" line over every suite.
const Mocha = require('mocha');
const fs = require('node:fs');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class TallyReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = process.env.SWITCHBOARD_TALLY_FILE;
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      if (out) fs.writeFileSync(out, JSON.stringify({ passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0 }));
    });
  }
}

module.exports = TallyReporter;
