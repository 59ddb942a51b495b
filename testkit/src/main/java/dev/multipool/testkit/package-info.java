/**
 * The multipool test kit: runs a real multipool host in-process, in standalone mode, with the
 * consumer plugins under test loaded from their built jars, for JUnit 5 tests.
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
 */
package dev.multipool.testkit;
