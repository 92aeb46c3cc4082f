import cliProgress from 'cli-progress';

/** A progress bar with a rate, or plain lines when output is not a terminal (CI logs). */
export function progressReporter(label: string, total: number) {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update: (done: number) => bar.update(done, { rate: rate(done) }),
      stop: () => bar.stop(),
    };
  }
  let lastPrint = 0;
  return {
    update(done: number) {
      if (Date.now() - lastPrint < 2000 && done < total) return;
      lastPrint = Date.now();
      console.log(`${label} ${done}/${total} (${Math.round((100 * done) / total)}%) ${rate(done)}/s`);
    },
    stop() {},
  };
}
