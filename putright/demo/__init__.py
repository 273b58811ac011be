"""The demo landlord (`putright demo`): a year of a social landlord's complaint handling,
made through the same services as real use. The app sits at the top of the house: it may
use every other app, and none uses it."""
