package io.fxrates.updater.validation;

import java.util.List;

/** The feed failed validation: nothing was written. The message lists the first problems and their total. */
public class ValidationException extends RuntimeException {
    private final List<String> problems;
    private final int count;

    public ValidationException(List<String> problems, int count) {
        super("validation failed (" + count + " problem" + (count == 1 ? "" : "s") + "): "
                + String.join("; ", problems) + (count > problems.size() ? "; ..." : ""));
        this.problems = List.copyOf(problems);
        this.count = count;
    }

    public List<String> problems() {
        return problems;
    }

    public int count() {
        return count;
    }
}
