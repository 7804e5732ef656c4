"""Reading the data files of a site into validated models, collecting every error."""
