package org.calcify.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.calcify.seed.ProgressListener;

/** A progress bar on stderr for long jobs (plain ASCII lines when stderr is not a terminal). */
final class ConsoleProgress implements ProgressListener {
    private ProgressBar bar;

    @Override
    public synchronized void start(String stage, long total) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(stage).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().showSpeed().build();
    }

    @Override
    public synchronized void advance(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
