// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * Thrown, instead of running it, by a call to a {@link Drained} bean with {@link LatePolicy#REJECT} that began after
 * the drain's delay: the instance is leaving, the caller should retry on another one.
 *
 * @since 0.1
 */
public class LateWorkRejectedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message names the method and the drain (DRAINKIT-0031) */
    public LateWorkRejectedException(String message) {
        super(message);
    }
}
