/** DrainKit's servlet side: the in-flight filter, its endpoints and their initializer. Not API. */
package io.drainkit.impl.servlet;
