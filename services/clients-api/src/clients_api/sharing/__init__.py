"""Client data shared with a partner under the client's consent (a referral's read path)."""
