/**
 * What the demo and the end-to-end tests drive servers with: {@link io.drainkit.example.harness.ServerProcess}
 * for child processes, {@link io.drainkit.example.harness.Load} for keep-alive HTTP/1.1 load on loopback.
 */
package io.drainkit.example.harness;
