package io.drainkit.proof.rolling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.drainkit.proof.ServerUnderTest;

/** Starts the instances of a run, each in a directory of its own; one that fails takes the other one down with it. */
final class Instances {

    private final ServerUnderTest.Launcher launcher;

    Instances(ServerUnderTest.Launcher launcher) {
        this.launcher = launcher;
    }

    ServerUnderTest startOrStop(CompletableFuture<ServerUnderTest> other, Map<String, String> environment,
            Path directory) {
        try {
            return start(environment, directory);
        } catch (RuntimeException failed) {
            other.thenAccept(ServerUnderTest::close);
            throw failed;
        }
    }

    ServerUnderTest start(Map<String, String> environment, Path directory) {
        try {
            Files.createDirectories(directory);
            return launcher.start(environment, directory);
        } catch (IOException failed) {
            throw new UncheckedIOException("an instance did not start in " + directory, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an instance started", interrupted);
        }
    }
}
