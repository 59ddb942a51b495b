package dev.multipool.bench.memory;

/** The memory benchmark's baseline process: a JVM that loads nothing and waits to be killed. */
public final class Idle {

    private Idle() {
    }

    /**
     * Sleeps until killed.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("idle");
        Thread.sleep(Long.MAX_VALUE);
    }
}
