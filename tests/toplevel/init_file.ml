from_init;;
A;;
[[[1]]];;
