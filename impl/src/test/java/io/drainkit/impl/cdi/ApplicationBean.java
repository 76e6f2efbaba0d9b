// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.drainkit.Drain;

/** An application bean that uses DrainKit: it has a bean-defining annotation and gets {@link Drain} injected. */
@ApplicationScoped
public class ApplicationBean {

    @Inject
    Drain drain;

    Drain drain() {
        return drain;
    }
}
