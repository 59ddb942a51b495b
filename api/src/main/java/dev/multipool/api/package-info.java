/**
 * The multipool consumer SPI.
 *
 * <p>A consumer plugin is a pf4j jar whose {@code @Extension} implements {@link
 * dev.multipool.api.IpamConsumer}. The host calls {@link dev.multipool.api.IpamConsumer#define}
 * with a {@link dev.multipool.api.ConsumerContext} and gets back a {@link
 * dev.multipool.api.ConsumerDefinition}: the consumer's {@link dev.multipool.api.PoolSectionAccessor
 * part of the node resource}, its {@link dev.multipool.api.MasqueradePolicy masquerade policy}, its
 * {@link dev.multipool.api.StartupGate startup gates}, and optionally a {@link
 * dev.multipool.api.PoolSelector pool selector} and {@link dev.multipool.api.BackgroundTask
 * background tasks}. The host runs a multi-pool manager with them and serves the consumer over its
 * REST API.
 *
 * <p>The SPI depends on pf4j only. Values are immutable records that validate themselves; every
 * error extends {@link dev.multipool.api.IpamException}. The SPI evolves additively within a major
 * version: plugins declare {@code Plugin-Requires: >=1.0.0 & <2.0.0}.
 */
package dev.multipool.api;
