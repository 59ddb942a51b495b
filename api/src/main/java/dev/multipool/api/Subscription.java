package dev.multipool.api;

/** A registration that ends when closed. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Ends the registration. */
    @Override
    void close();
}
