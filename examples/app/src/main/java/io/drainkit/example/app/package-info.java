/** The example application every example runtime serves: {@code GET /work?ms=N}. */
package io.drainkit.example.app;
