/**
 * DrainKit's OpenTelemetry instruments, registered only where the application sees the OpenTelemetry API and its CDI
 * container offers an {@code OpenTelemetry} bean (MicroProfile Telemetry). Only {@link OpenTelemetryMetrics} may be
 * touched by code that runs without the API; the other classes load OpenTelemetry types. Not API.
 */
package io.drainkit.impl.telemetry;
