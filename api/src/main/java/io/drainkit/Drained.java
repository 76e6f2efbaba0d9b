// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Counts each call to the annotated CDI bean or EJB (on a class: each of its business methods) and each of its timer
 * callbacks ({@code @Schedule}, {@code @Timeout}) as work in flight: a drain waits for it as for an HTTP request, up to
 * the same deadline, and a report cut at the deadline names it ({@code timer OrderSweep.sweep},
 * {@code call ReportJob.run}). What happens to a call that begins after the delay is {@link #late()}.
 *
 * <p>DrainKit's interceptor is enabled for the whole application ({@code @Priority}); nothing is needed in
 * {@code beans.xml}. While the application serves it allocates nothing, takes no lock and reads no clock.
 *
 * @since 0.1
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Drained {

    /**
     * @return what to do with a call or timer callback that begins after the delay; a method's annotation wins over its
     *         class's
     */
    @Nonbinding
    LatePolicy late() default LatePolicy.RUN;
}
