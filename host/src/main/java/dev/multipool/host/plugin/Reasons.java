package dev.multipool.host.plugin;

import java.lang.reflect.InvocationTargetException;
import org.pf4j.PluginRuntimeException;

/** Turns an exception from pf4j or from plugin code into a one-line reason. */
final class Reasons {

    private Reasons() {
    }

    /**
     * Describes an exception as {@code Type: message}, looking through wrappers that add nothing,
     * and naming the root cause when it differs.
     *
     * @param error the exception
     * @return the reason
     */
    static String describe(Throwable error) {
        Throwable shown = unwrap(error);
        Throwable root = shown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(shown);
        return root == shown ? text : text + " (caused by " + oneLine(root) + ")";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable error) {
        if (error instanceof InvocationTargetException || error instanceof ExceptionInInitializerError) {
            return true;
        }
        // pf4j wraps with new PluginRuntimeException(cause), whose message is just the cause's toString()
        return error instanceof PluginRuntimeException
                && (error.getMessage() == null || error.getMessage().equals(error.getCause().toString()));
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        int newline = message.indexOf('\n');
        return type + ": " + (newline >= 0 ? message.substring(0, newline) : message);
    }
}
