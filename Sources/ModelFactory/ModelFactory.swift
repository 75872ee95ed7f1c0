// ModelFactory: a LoRA fine-tuning job on a Datanet version, around any TrainingObjective
// (LoRATraining's LoRAGradientEngine in the node; a small exact model in tests).
//
// What it owns
//   TrainingConfiguration   every hyperparameter, named limits, validate(), canonical JSON
//                           bytes and their SHA-256 identifier
//   AdamW, LearningRateSchedule, GradientClipping
//                           PyTorch's AdamW, transformers' cosine-with-warm-up schedule,
//                           clip_grad_norm_
//   DatanetDocument → ExampleRenderer → TrainingExample → DatasetSplit, SequencePacker
//                   → TrainingDataset (PackedSequence: LoRATraining's TrainingSequence)
//   Trainer                 micro-batches, accumulation, clipping, schedule, AdamW; no I/O
//   TrainingCheckpoint      the whole state, checksummed; DurableFileWriter over FileSystem
//                           (temporary file, fsync, rename, directory fsync)
//   LossCurveReport         loss.json and loss.svg
//   GradientProjection, QuantizedGradient, GradientStore, MerkleTree
//                           per-example gradients for attribution
//   TrainingJob             the job folder; TrainingSummary for the ledger
//
// It imports LoRATraining, OpenLoRA (adapter types), Tokenizers, ModelFiles (JSON),
// Sodium (SHA-256), Synchronization and Glibc; no network, no global randomness (every
// random choice is a counter-based hash of the configuration's seed), and no clock of its
// own (the caller passes one to TrainingJob).
//
// Checkpoint file (little-endian)
//   "OLNCKPT\0" | version u32 | configuration SHA-256 (32) | step u64 | data position u64
//   | processed tokens u64 | n u64 | θ f32[n] | m f32[n] | v f32[n]
//   | u32 count, (step u64, loss f64)* training | u32 count, (step u64, loss f64)* validation
//   | u32 count, (step u64, root (32))* gradient-store roots | SHA-256 of all before (32)
//
// Gradient store file (little-endian)
//   "OLNGRAD\0" | version u32 | seed u64 | k u32 | S u32 | S × (d_l u64, k_l u32)
//   | step u64 | learning rate f64 | n u64
//   | n × (content hash (32) | example index u64 | scale f32[S] | value i16[k])
//   Merkle root: RFC 6962 tree hash over the n record byte strings.
