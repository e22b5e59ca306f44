//! (issue 16, being built) Consent receipts and withdrawal.
