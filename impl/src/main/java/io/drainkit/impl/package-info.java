/**
 * DrainKit's implementation: not API. Nothing here is stable between versions; applications use
 * {@code io.drainkit} only.
 */
package io.drainkit.impl;
