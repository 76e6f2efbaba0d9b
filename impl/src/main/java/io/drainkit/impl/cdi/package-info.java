/** DrainKit's CDI side: the portable extension and the drain events. Not API. */
package io.drainkit.impl.cdi;
