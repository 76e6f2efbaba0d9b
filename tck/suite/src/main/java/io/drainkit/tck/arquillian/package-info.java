/**
 * Arquillian glue the TCK brings along for every runtime: DrainKit in each test WAR.
 *
 * @since 0.1
 */
package io.drainkit.tck.arquillian;
