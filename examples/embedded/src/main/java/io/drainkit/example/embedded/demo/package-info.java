/**
 * A demo a newcomer can watch: {@link io.drainkit.example.embedded.demo.DrainDemo} starts the example server as a
 * child JVM, loads it, drains it through the preStop endpoint, sends SIGTERM and prints the timeline.
 * {@link io.drainkit.example.embedded.demo.ServerProcess} is also what tests use to run the server.
 */
package io.drainkit.example.embedded.demo;
