/**
 * The multipool test kit: runs a real multipool host in-process, in standalone mode, with the
 * consumer plugins under test loaded from their built jars, for JUnit 5 tests; and gives unit tests
 * in-memory fixtures of the host's side of the SPI.
 *
 * <p>Start with {@link dev.multipool.testkit.MultipoolHostTest} (declarative) or
 * {@link dev.multipool.testkit.MultipoolHostExtension#builder()} (programmatic). A test receives a
 * {@link dev.multipool.testkit.TestHost} (start, stop, restart, wait for health), a
 * {@link dev.multipool.testkit.HostClient} (the REST API over the unix socket) and a
 * {@link dev.multipool.testkit.NodeDocument} (the CiliumNode, to read and to edit like an
 * operator).
 *
 * <p>The plugin under test is loaded from its jar, exactly as the host loads it in production, so
 * tests that use the kit run after {@code package}: as failsafe integration tests ({@code *IT}),
 * with the jar's path passed as a system property.
 *
 * <p>For unit tests without a host, the kit has in-memory stand-ins for what the host hands a
 * consumer: {@link dev.multipool.testkit.TestConsumerContext} (options parsed from the consumer's
 * declarations as the host parses them, node name, families, mode, clock, services),
 * {@link dev.multipool.testkit.TestPoolCatalog} (pools the test adds, changes and syncs, with change
 * notifications), {@link dev.multipool.testkit.TestConsumerIpam} (allocation from CIDRs the test
 * gives, the manager's errors, the node resource) and {@link dev.multipool.testkit.TestClock}.
 */
package dev.multipool.testkit;
