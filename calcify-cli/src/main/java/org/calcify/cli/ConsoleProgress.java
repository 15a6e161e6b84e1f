package org.calcify.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.calcify.seed.ProgressListener;

/** A progress bar on stderr for long jobs, drawn only when the process has a terminal. */
final class ConsoleProgress implements ProgressListener {
    private ProgressBar bar;

    /**
     * A progress bar when there is a terminal and {@code quiet} is off; otherwise nothing, so that
     * piped output and logs hold only results and one-line errors.
     */
    static ProgressListener forStderr(boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new ConsoleProgress();
    }

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
