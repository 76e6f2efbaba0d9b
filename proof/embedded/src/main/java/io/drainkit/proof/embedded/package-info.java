/**
 * The embedded example as a server under test ({@link io.drainkit.proof.embedded.EmbeddedJetty}), and the demo a
 * newcomer can watch ({@link io.drainkit.proof.embedded.DrainDemo}): the pod termination scenario, printed.
 */
package io.drainkit.proof.embedded;
