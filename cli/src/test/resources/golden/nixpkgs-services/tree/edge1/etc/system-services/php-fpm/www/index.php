<?php
echo "php-fpm ", PHP_VERSION, " (", php_sapi_name(), ")\n";
