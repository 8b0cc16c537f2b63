"""Pure rules, below the models: what a value must look like (validation) and how a claim's status may
move (workflow). No queries: callers pass in what a rule needs, so that the services, the admin forms, the
claims-file reader, the synthetic data and the invariants audit all judge by this one copy."""
