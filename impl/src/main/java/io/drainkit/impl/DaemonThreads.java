// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * DrainKit's threads: daemons (they never hold a JVM up), named so that a thread dump says whose they are.
 */
final class DaemonThreads {

    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One thread that runs tasks in order, started on demand and ended when idle: the drain's listeners
     * are called here so that a slow or failing listener never holds up the drain itself.
     */
    static Executor sequential(String name) {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(name));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
