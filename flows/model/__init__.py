"""The domain model's life cycle: import the embedded base model, build training data from the
trail, fine-tune a LoRA adapter, evaluate it against a change-control plan, promote it."""
