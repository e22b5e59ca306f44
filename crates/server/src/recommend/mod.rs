//! (issue 16, being built) Recommendations: co-occurrence, popular, for you.
