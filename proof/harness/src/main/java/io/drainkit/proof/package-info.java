/**
 * What the demo and the end-to-end tests drive servers with: {@link io.drainkit.proof.ServerProcess}
 * for child processes, {@link io.drainkit.proof.Load} for keep-alive HTTP/1.1 load on loopback,
 * {@link io.drainkit.proof.HaProxy} for a real load balancer in front of them, and
 * {@link io.drainkit.proof.RequiredCommand} for the programs a test needs from the machine.
 */
package io.drainkit.proof;
