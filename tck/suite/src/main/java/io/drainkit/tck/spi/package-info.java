/**
 * The TCK's porting hook: what a runtime implements to tell the TCK how it behaves.
 *
 * @since 0.1
 */
package io.drainkit.tck.spi;
