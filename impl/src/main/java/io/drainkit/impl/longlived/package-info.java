/**
 * Long-lived connections that DrainKit ends for the application at the end of a drain's delay. Not API.
 */
package io.drainkit.impl.longlived;
