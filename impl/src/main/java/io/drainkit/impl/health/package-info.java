/** DrainKit's MicroProfile Health readiness check, registered only where MicroProfile Health is present. Not API. */
package io.drainkit.impl.health;
