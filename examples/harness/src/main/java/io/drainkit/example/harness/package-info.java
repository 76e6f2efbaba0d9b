/**
 * What the demo and the end-to-end tests drive servers with: {@link io.drainkit.example.harness.ServerProcess}
 * for child processes, {@link io.drainkit.example.harness.Load} for keep-alive HTTP/1.1 load on loopback,
 * {@link io.drainkit.example.harness.HaProxy} for a real load balancer in front of them, and
 * {@link io.drainkit.example.harness.RequiredCommand} for the programs a test needs from the machine.
 */
package io.drainkit.example.harness;
