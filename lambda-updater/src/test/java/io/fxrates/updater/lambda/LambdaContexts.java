package io.fxrates.updater.lambda;

import com.amazonaws.services.lambda.runtime.Context;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The Context the Lambda runtime passes an invocation: mocked, because nothing here can run the
 * Lambda runtime itself, and the handler reads only its request id and remaining time.
 */
final class LambdaContexts {

    static final String REQUEST_ID = "c0ffee00-1234-4abc-9def-000000000001";

    private LambdaContexts() {
    }

    /** An invocation with {@code remainingMillis} left before Lambda's time-out. */
    static Context withRemaining(int remainingMillis) {
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(remainingMillis);
        when(context.getAwsRequestId()).thenReturn(REQUEST_ID);
        when(context.getFunctionName()).thenReturn("fxrates-updater");
        return context;
    }
}
