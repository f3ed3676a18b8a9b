package io.github.keras4j.optimizers;

/**
 * tf.keras 2.11+'s optimizer update rules ({@code tf_keras/optimizers/*.py}, {@code update_step}, dense branch)
 * written out in plain Java doubles, one parameter vector at a time, as the independent reference for the tests;
 * for the options only older Keras compute, their rules: standalone Keras 2.3's {@code keras/optimizers.py}
 * ({@code get_updates}) and tf.keras 2.10's {@code optimizer_v2/rmsprop.py} ({@code _resource_apply_dense}).
 */
final class KerasReference {

    /** One optimizer's state for one parameter vector. */
    interface Rule {
        /** Updates {@code w} in place for gradient {@code g} at Keras's step {@code t} (1 on the first step). */
        void step(double[] w, double[] g, int t);
    }

    private KerasReference() {
    }

    /** The reference rule for a typed optimizer's hyperparameters, for {@code n} parameters. */
    static Rule of(Optimizer optimizer, int n) {
        if (optimizer instanceof SGD o) {
            return sgd(n, o.learningRate(), o.momentum(), o.nesterov());
        }
        if (optimizer instanceof Adam o) {
            return adam(n, o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), o.amsgrad());
        }
        if (optimizer instanceof Adamax o) {
            return adamax(n, o.learningRate(), o.beta1(), o.beta2(), o.epsilon());
        }
        if (optimizer instanceof Nadam o) {
            if (o.scheduleDecay() != Nadam.DEFAULT_SCHEDULE_DECAY) {
                return standaloneNadam(n, o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), o.scheduleDecay());
            }
            return nadam(n, o.learningRate(), o.beta1(), o.beta2(), o.epsilon());
        }
        if (optimizer instanceof Adagrad o) {
            return adagrad(n, o.learningRate(), o.initialAccumulatorValue(), o.epsilon());
        }
        if (optimizer instanceof Adadelta o) {
            return adadelta(n, o.learningRate(), o.rho(), o.epsilon());
        }
        if (optimizer instanceof RMSprop o && o.epsilonOutsideSqrt()) {
            return legacyRmsprop(n, o.learningRate(), o.rho(), o.epsilon(), o.centered());
        }
        if (optimizer instanceof RMSprop o) {
            return rmsprop(n, o.learningRate(), o.rho(), o.momentum(), o.epsilon(), o.centered());
        }
        throw new IllegalArgumentException("no reference for " + optimizer);
    }

    /** sgd.py: the momentum slot always exists, so momentum 0 runs the same code with m = -lr * g. */
    static Rule sgd(int n, double lr, double momentum, boolean nesterov) {
        double[] m = new double[n];
        return (w, g, t) -> {
            for (int i = 0; i < n; i++) {
                m[i] = -g[i] * lr + m[i] * momentum;
                if (nesterov) {
                    w[i] += -g[i] * lr + m[i] * momentum;
                } else {
                    w[i] += m[i];
                }
            }
        };
    }

    /** adam.py. */
    static Rule adam(int n, double lr, double beta1, double beta2, double epsilon, boolean amsgrad) {
        double[] m = new double[n];
        double[] v = new double[n];
        double[] vHat = new double[n];
        return (w, g, t) -> {
            double beta1Power = Math.pow(beta1, t);
            double beta2Power = Math.pow(beta2, t);
            double alpha = lr * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
            for (int i = 0; i < n; i++) {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                double second = v[i];
                if (amsgrad) {
                    vHat[i] = Math.max(vHat[i], v[i]);
                    second = vHat[i];
                }
                w[i] -= (m[i] * alpha) / (Math.sqrt(second) + epsilon);
            }
        };
    }

    /** adamax.py. */
    static Rule adamax(int n, double lr, double beta1, double beta2, double epsilon) {
        double[] m = new double[n];
        double[] u = new double[n];
        return (w, g, t) -> {
            double beta1Power = Math.pow(beta1, t);
            for (int i = 0; i < n; i++) {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
                w[i] -= (lr * m[i]) / ((1 - beta1Power) * (u[i] + epsilon));
            }
        };
    }

    /** nadam.py, with its u_product variable kept across steps as Keras keeps it. */
    static Rule nadam(int n, double lr, double beta1, double beta2, double epsilon) {
        double[] m = new double[n];
        double[] v = new double[n];
        double[] uProduct = {1.0};
        return (w, g, t) -> {
            double decay = 0.96;
            double uT = beta1 * (1.0 - 0.5 * Math.pow(decay, t));
            double uT1 = beta1 * (1.0 - 0.5 * Math.pow(decay, t + 1));
            double uProductT = uProduct[0] * uT;
            uProduct[0] = uProductT;
            double uProductT1 = uProductT * uT1;
            double beta2Power = Math.pow(beta2, t);
            for (int i = 0; i < n; i++) {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProductT);
                double vHat = v[i] / (1 - beta2Power);
                w[i] -= (mHat * lr) / (Math.sqrt(vHat) + epsilon);
            }
        };
    }

    /** adagrad.py. */
    static Rule adagrad(int n, double lr, double initialAccumulatorValue, double epsilon) {
        double[] accumulator = new double[n];
        java.util.Arrays.fill(accumulator, initialAccumulatorValue);
        return (w, g, t) -> {
            for (int i = 0; i < n; i++) {
                accumulator[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.sqrt(accumulator[i] + epsilon);
            }
        };
    }

    /** adadelta.py. */
    static Rule adadelta(int n, double lr, double rho, double epsilon) {
        double[] accumulatedGrad = new double[n];
        double[] accumulatedDeltaVar = new double[n];
        return (w, g, t) -> {
            for (int i = 0; i < n; i++) {
                accumulatedGrad[i] = rho * accumulatedGrad[i] + (1 - rho) * g[i] * g[i];
                double deltaVar = -Math.sqrt(accumulatedDeltaVar[i] + epsilon) * g[i]
                        / Math.sqrt(accumulatedGrad[i] + epsilon);
                accumulatedDeltaVar[i] = rho * accumulatedDeltaVar[i] + (1 - rho) * deltaVar * deltaVar;
                w[i] += lr * deltaVar;
            }
        };
    }

    /** rmsprop.py. */
    static Rule rmsprop(int n, double lr, double rho, double momentum, double epsilon, boolean centered) {
        double[] velocity = new double[n];
        double[] momentumSlot = new double[n];
        double[] averageGradient = new double[n];
        return (w, g, t) -> {
            for (int i = 0; i < n; i++) {
                velocity[i] = rho * velocity[i] + (1 - rho) * g[i] * g[i];
                double denominator;
                if (centered) {
                    averageGradient[i] = rho * averageGradient[i] + (1 - rho) * g[i];
                    denominator = velocity[i] - averageGradient[i] * averageGradient[i] + epsilon;
                } else {
                    denominator = velocity[i] + epsilon;
                }
                double increment = lr * g[i] / Math.sqrt(denominator);
                if (momentum > 0) {
                    momentumSlot[i] = momentum * momentumSlot[i] + increment;
                    w[i] -= momentumSlot[i];
                } else {
                    w[i] -= increment;
                }
            }
        };
    }

    /** Standalone Keras 2.3's Nadam, with its m_schedule variable kept across steps. */
    static Rule standaloneNadam(int n, double lr, double beta1, double beta2, double epsilon, double scheduleDecay) {
        double[] m = new double[n];
        double[] v = new double[n];
        double[] mSchedule = {1.0};
        return (w, g, t) -> {
            double momentumCacheT = beta1 * (1. - 0.5 * Math.pow(0.96, t * scheduleDecay));
            double momentumCacheT1 = beta1 * (1. - 0.5 * Math.pow(0.96, (t + 1) * scheduleDecay));
            double mScheduleNew = mSchedule[0] * momentumCacheT;
            double mScheduleNext = mSchedule[0] * momentumCacheT * momentumCacheT1;
            mSchedule[0] = mScheduleNew;
            for (int i = 0; i < n; i++) {
                double gPrime = g[i] / (1. - mScheduleNew);
                double mT = beta1 * m[i] + (1. - beta1) * g[i];
                double mTPrime = mT / (1. - mScheduleNext);
                double vT = beta2 * v[i] + (1. - beta2) * g[i] * g[i];
                double vTPrime = vT / (1. - Math.pow(beta2, t));
                double mTBar = (1. - momentumCacheT) * gPrime + momentumCacheT1 * mTPrime;
                m[i] = mT;
                v[i] = vT;
                w[i] = w[i] - lr * mTBar / (Math.sqrt(vTPrime) + epsilon);
            }
        };
    }

    /**
     * RMSprop with epsilon outside the square root: standalone Keras 2.3 (non-centered) and tf.keras 2.10 without
     * momentum (both).
     */
    static Rule legacyRmsprop(int n, double lr, double rho, double epsilon, boolean centered) {
        double[] rms = new double[n];
        double[] mg = new double[n];
        return (w, g, t) -> {
            for (int i = 0; i < n; i++) {
                rms[i] = rho * rms[i] + (1. - rho) * g[i] * g[i];
                double denominator = rms[i];
                if (centered) {
                    mg[i] = rho * mg[i] + (1. - rho) * g[i];
                    denominator = rms[i] - mg[i] * mg[i];
                }
                w[i] = w[i] - lr * g[i] / (Math.sqrt(denominator) + epsilon);
            }
        };
    }
}
